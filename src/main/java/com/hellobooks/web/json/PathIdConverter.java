package com.hellobooks.web.json;

import java.util.Set;

import com.hellobooks.web.errors.InvalidIdException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.ConditionalGenericConverter;
import org.springframework.stereotype.Component;

/**
 * Reads each {@link PathId} path variable into an {@link Id}, or throws the 400 that names the
 * resource ("Book cat invalid"). Spring Boot registers every converter bean with Spring MVC.
 * Path variables are bound before the body, so a bad id is its 400 whatever the body holds.
 */
@Component
class PathIdConverter implements ConditionalGenericConverter {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, Id.class));
    }

    @Override
    public boolean matches(TypeDescriptor sourceType, TypeDescriptor targetType) {
        return targetType.hasAnnotation(PathId.class);
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        String raw = (String) source;
        return Id.parse(raw).orElseThrow(() -> new InvalidIdException(targetType.getAnnotation(PathId.class).resource(), raw));
    }
}
