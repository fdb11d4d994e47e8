package com.hellobooks.web.json;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A request-body field where a missing key and an explicit {@code null} mean different things,
 * as {@code author_id} does in PUT /books/{id}: missing leaves the author as it is, {@code null}
 * clears it. The record component itself is Java {@code null} when the key is missing; when the
 * key is present it holds the value, which may be {@code null}.
 *
 * <p>{@code Optional} cannot do this: Jackson turns both a missing key and {@code null} into
 * {@code Optional.empty()}.
 */
@JsonDeserialize(using = NullableField.Deserializer.class)
public record NullableField<T>(T value) {

    public static <T> NullableField<T> of(T value) {
        return new NullableField<>(value);
    }

    static final class Deserializer extends ValueDeserializer<NullableField<?>> {

        private final JavaType valueType;

        Deserializer() {
            this(null);
        }

        private Deserializer(JavaType valueType) {
            this.valueType = valueType;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return new Deserializer(property.getType().containedType(0));
        }

        @Override
        public NullableField<?> deserialize(JsonParser parser, DeserializationContext context) {
            return new NullableField<>(context.readValue(parser, valueType));
        }

        @Override
        public NullableField<?> getNullValue(DeserializationContext context) {
            return new NullableField<>(null);
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }
    }
}
