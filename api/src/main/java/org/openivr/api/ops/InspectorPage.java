package org.openivr.api.ops;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /inspector}: the static page ({@code static/inspector/}), and Mermaid's self-contained bundle from its
 * WebJar at a path that does not change with Mermaid's version. No network access is needed to draw diagrams.
 */
@Controller
public class InspectorPage {
    static final String MERMAID = "classpath*:META-INF/resources/webjars/mermaid/*/dist/mermaid.min.js";
    private volatile byte[] mermaid;

    @GetMapping({"/inspector", "/inspector/"})
    public String page() {
        return "forward:/inspector/index.html";
    }

    @GetMapping(path = "/inspector/vendor/mermaid.min.js")
    public ResponseEntity<byte[]> mermaid() throws IOException {
        byte[] bundle = mermaid;
        if (bundle == null) {
            Resource[] found = new PathMatchingResourcePatternResolver().getResources(MERMAID);
            if (found.length == 0) {
                return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
            }
            try (InputStream in = found[0].getInputStream()) {
                bundle = in.readAllBytes();
            }
            mermaid = bundle;
        }
        return ResponseEntity.ok().contentType(MediaType.valueOf("text/javascript"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1))).body(bundle);
    }
}
