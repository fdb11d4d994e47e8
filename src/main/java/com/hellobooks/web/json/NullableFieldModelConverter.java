package com.hellobooks.web.json;

import java.util.Iterator;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.ComposedSchema;
import io.swagger.v3.oas.models.media.Schema;

/**
 * Documents a {@link NullableField NullableField&lt;T&gt;} as what it is on the wire: a T that
 * may also be {@code null} (and, like any key that is not required, may be left out). Without
 * this, springdoc would show the Java wrapper: an object with a {@code value} property.
 */
public class NullableFieldModelConverter implements ModelConverter {

    private final boolean openApi31;

    public NullableFieldModelConverter(boolean openApi31) {
        this.openApi31 = openApi31;
    }

    @Override
    @SuppressWarnings({ "rawtypes", "unchecked" })
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        JavaType javaType = Json.mapper().constructType(type.getType());
        if (javaType == null || javaType.getRawClass() != NullableField.class) {
            return chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        }
        Schema value = context.resolve(new AnnotatedType(javaType.containedTypeOrUnknown(0))
                .ctxAnnotations(type.getCtxAnnotations())
                .jsonViewAnnotation(type.getJsonViewAnnotation())
                .resolveAsRef(true));
        if (value == null) {
            return null;
        }
        if (value.get$ref() != null) {
            // a named schema is shared: say "that, or null" instead of changing it
            Schema nullValue = openApi31 ? new Schema().typesItem("null") : new Schema().type("object").nullable(true);
            return new ComposedSchema().addAnyOfItem(value).addAnyOfItem(nullValue);
        }
        if (openApi31) {
            if (value.getTypes() == null && value.getType() != null) {
                value.addType(value.getType());
            }
            value.addType("null");
        } else {
            value.setNullable(true);
        }
        return value;
    }
}
