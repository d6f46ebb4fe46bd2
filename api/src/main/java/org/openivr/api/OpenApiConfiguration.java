package org.openivr.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /api/openapi.json}, generated from the controllers by springdoc) and its try-it page
 * ({@code /api/docs}). Every error response of every operation is documented with the one {@code Problem} schema
 * (RFC 9457 problem details, {@code application/problem+json}); the management operations declare the API key.
 */
@Configuration
public class OpenApiConfiguration {
    static final String PROBLEM = "Problem";
    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final String BEARER = "bearer";
    private static final String API_KEY = "apiKey";

    @Bean
    OpenAPI openIvrOpenApi() {
        return new OpenAPI()
                .info(new Info().title("openivr API").version("1")
                        .description("Place outbound calls, follow calls in flight, read and check flows. The"
                                + " management operations (/api/calls, /api/flows) need an API key from ivr.api.keys:"
                                + " 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'. The ACS-facing webhooks"
                                + " (/api/events, /api/callbacks) are called by Azure Communication Services, not by"
                                + " you. Every error is a problem-details object (RFC 9457)."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer <API key>"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(ApiKeyFilter.HEADER)
                                .description("X-Api-Key: <API key>")));
    }

    /** RFC 9457 problem details, as {@link ApiErrors} and {@link ApiKeyFilter} write them. */
    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .description("What went wrong (RFC 9457 problem details): the one error shape of this API")
                .addProperty("type", new StringSchema().example("about:blank").description("A URI naming the kind of"
                        + " problem; about:blank when the status says it all"))
                .addProperty("title", new StringSchema().example("Bad request body").description("Short, the same for"
                        + " every problem of its kind"))
                .addProperty("status", new IntegerSchema().example(400).description("The HTTP status"))
                .addProperty("detail", new StringSchema().example("'to' is required")
                        .description("What was wrong with this request, for a person to read"))
                .addProperty("instance", new StringSchema().example("/api/calls").description("The request's path"))
                .required(List.of("type", "title", "status"));
    }

    /** Error responses take the Problem schema; management operations get 401 and the key requirement. */
    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            // Added here, after springdoc dropped the schemas no generated operation referred to.
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                boolean managed = ApiKeyFilter.isProtected(path);
                for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
                    Operation operation = entry.getValue();
                    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
                    operation.setResponses(responses);
                    if (managed) {
                        operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
                        operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
                        responses.putIfAbsent("401", new ApiResponse().description("No API key, or a wrong one"));
                    }
                    if (entry.getKey() == PathItem.HttpMethod.POST) {
                        responses.putIfAbsent("400", new ApiResponse().description("The request is not acceptable;"
                                + " 'detail' says why"));
                    }
                    if (path.contains("{")) {
                        responses.putIfAbsent("404", new ApiResponse().description("Nothing by that name"));
                    }
                    responses.putIfAbsent("500", new ApiResponse().description("The platform failed; its log has"
                            + " the details"));
                    if (managed) {
                        responses.putIfAbsent("503", new ApiResponse().description("Temporal cannot be reached"));
                    }
                    responses.forEach((code, response) -> {
                        if (code.startsWith("4") || code.startsWith("5")) {
                            response.setContent(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                        }
                    });
                }
            });
        };
    }
}
