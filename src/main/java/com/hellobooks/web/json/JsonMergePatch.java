package com.hellobooks.web.json;

import java.util.Map;

import com.hellobooks.web.errors.InvalidBodyException;
import org.springframework.stereotype.Component;
import org.springframework.validation.DirectFieldBindingResult;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7396 JSON merge patch, for PATCH with {@code application/merge-patch+json}: the patch is
 * merged into the resource's current fields, and the result must be a valid PUT body, checked by
 * the same rules with the same error messages. A key set to null in the patch removes the field:
 * {@code "author_id": null} takes the author away, {@code "title": null} is "missing title".
 */
@Component
public class JsonMergePatch {

    private final JsonMapper json;
    private final SpringValidatorAdapter validator;

    JsonMergePatch(JsonMapper json, jakarta.validation.Validator validator) {
        this.json = json;
        this.validator = new SpringValidatorAdapter(validator);
    }

    /**
     * @param current the resource's writable fields by their JSON names (null values allowed)
     * @param patch the request body, a JSON object
     * @param type the PUT body record the merged document must make
     */
    public <T> T apply(Map<String, Object> current, ObjectNode patch, Class<T> type) {
        ObjectNode document = json.valueToTree(current);
        merge(document, patch);
        // A field the patch removed is now absent; for the PUT record that must mean null
        // (clear it), not "leave it as it is".
        current.keySet().forEach(field -> {
            if (!document.has(field)) {
                document.putNull(field);
            }
        });
        T merged;
        try {
            merged = json.treeToValue(document, type);
        } catch (JacksonException ex) {
            throw new InvalidBodyException(ex);
        }
        DirectFieldBindingResult errors = new DirectFieldBindingResult(merged, "request");
        validator.validate(merged, errors);
        if (errors.hasErrors()) {
            throw new InvalidBodyException(errors);
        }
        return merged;
    }

    private static void merge(ObjectNode target, JsonNode patch) {
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode nested) {
                merge(nested, value);
            } else {
                target.set(field.getKey(), value);
            }
        }
    }
}
