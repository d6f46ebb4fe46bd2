package org.openivr.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/** The Temporal worker: runs call workflows and the ACS activities they call. */
@SpringBootApplication
@EnableConfigurationProperties(AcsProperties.class)
@PropertySource("classpath:worker-defaults.properties")
public class WorkerApplication {
    public static void main(String[] args) {
        SpringApplication.run(WorkerApplication.class, args);
    }
}
