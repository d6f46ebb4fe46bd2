package org.openivr.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Registers the call search attributes when the worker starts (before its pollers take work). */
@Component
public class SearchAttributesOnStartup implements ApplicationRunner {
    private final WorkflowServiceStubs service;
    private final String namespace;

    public SearchAttributesOnStartup(WorkflowServiceStubs service,
                                     @Value("${spring.temporal.namespace:default}") String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    @Override
    public void run(ApplicationArguments args) {
        SearchAttributeRegistrar.register(service, namespace);
    }
}
