package org.openivr.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The HTTP face of the platform: ACS callbacks, Event Grid, and (later) the REST API. */
@SpringBootApplication
@EnableConfigurationProperties(ApiProperties.class)
public class ApiApplication {
    public static void main(String[] args) {
        SpringApplication.run(ApiApplication.class, args);
    }
}
