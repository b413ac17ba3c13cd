package org.moderation.bi.dashboard.filters;

import java.util.ArrayList;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

import org.moderation.bi.shared.metrics.KnownValues;

/**
 * The dimension parameters in the OpenAPI document, described once ({@link DimensionParameters}) for every operation
 * that takes them: an operation says so with the extension {@value #TAKES_THEM}, which is replaced by the parameters.
 * A closed set (platform, platform detail, channels) lists its values, so Swagger UI offers a choice.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class DimensionParametersInOpenApi implements OASFilter {

    /** The extension that marks an operation taking the dimension parameters. */
    public static final String TAKES_THEM = "x-dimension-parameters";

    @Override
    public Operation filterOperation(Operation operation) {
        Map<String, Object> extensions = operation.getExtensions();
        if (extensions == null || !extensions.containsKey(TAKES_THEM)) {
            return operation;
        }
        operation.removeExtension(TAKES_THEM);
        for (DimensionParameters.Described described : DimensionParameters.described()) {
            Schema schema = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
            KnownValues.CLOSED.of(described.column())
                    .ifPresent(values -> schema.enumeration(new ArrayList<Object>(values)));
            Parameter parameter = OASFactory.createParameter().name(described.name()).in(Parameter.In.QUERY)
                    .description(described.description()).schema(schema);
            if (described.example() != null) {
                parameter.example(described.example());
            }
            operation.addParameter(parameter);
        }
        return operation;
    }
}
