package com.hellobooks.web.paging;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.hellobooks.web.errors.InvalidRequestException;
import org.springframework.data.domain.Sort;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the keys of the last row of a page into the opaque {@code cursor} of the next one and
 * back: base64url of {"sort": "...", "after": {field: value, ...}}. The sort is inside so that a
 * cursor used with another sort is refused rather than silently skipping or repeating rows.
 */
final class Cursors {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private Cursors() {
    }

    static String encode(Sort sort, Map<String, Object> keys) {
        Map<String, Object> cursor = new LinkedHashMap<>();
        cursor.put("sort", sort.toString());
        cursor.put("after", keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(cursor));
    }

    /** The cursor's row: its value of each sort field, in sort order; a 400 for anything this API did not give out. */
    static Map<String, Object> decode(String cursor, Sort sort) {
        Map<String, Object> decoded;
        try {
            decoded = JSON.readValue(Base64.getUrlDecoder().decode(cursor), MAP);
        } catch (IllegalArgumentException | JacksonException ex) {
            throw invalid();
        }
        if (decoded == null) {
            throw invalid();
        }
        if (!sort.toString().equals(decoded.get("sort"))) {
            throw new InvalidRequestException("cursor", "belongs to another sort order; start again without a cursor");
        }
        if (!(decoded.get("after") instanceof Map<?, ?> after) || after.size() != sort.stream().count()) {
            throw invalid();
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Sort.Order order : sort) {
            keys.put(order.getProperty(), key(order.getProperty(), after.get(order.getProperty())));
        }
        return keys;
    }

    /** Ids are the only numeric keys; every other sortable field is text. */
    private static Object key(String property, Object value) {
        if (property.equals("id") && value instanceof Number number) {
            return number.longValue();
        }
        if (!property.equals("id") && value instanceof String text) {
            return text;
        }
        throw invalid();
    }

    private static InvalidRequestException invalid() {
        return new InvalidRequestException("cursor", "is not a cursor this API gave out");
    }

}
