package com.hellobooks.web.paging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.hellobooks.web.errors.InvalidRequestException;
import org.springframework.data.domain.Sort;

/**
 * The fields a list may be sorted by, each with its SQL column and how to read it from a row
 * of the answer (for the next page's cursor). {@code sort=title} sorts ascending,
 * {@code sort=-title} descending; ties are broken by id in the same direction, so every order
 * is total, {@code -title} is exactly {@code title} reversed, and "after the cursor's row" is
 * one row comparison that an index on (title, id) can start from (see {@link ListQuery}).
 *
 * @param <T> the response record a page of the list holds
 */
public final class SortOptions<T> {

    private final Map<String, Field<T>> fields;

    private record Field<T>(String column, Function<T, Object> value) {
    }

    private SortOptions(Map<String, Field<T>> fields) {
        this.fields = fields;
    }

    /** A list sortable by {@code id} alone, which every list can be sorted by. */
    public static <T> SortOptions<T> byId(String column, Function<T, Object> id) {
        Map<String, Field<T>> fields = new LinkedHashMap<>();
        fields.put("id", new Field<>(column, id));
        return new SortOptions<>(fields);
    }

    /** This list, sortable by one more field (which should have an index on (column, id)). */
    public SortOptions<T> and(String name, String column, Function<T, Object> value) {
        Map<String, Field<T>> more = new LinkedHashMap<>(fields);
        more.put(name, new Field<>(column, value));
        return new SortOptions<>(more);
    }

    /** The sort for a {@code sort} parameter, or a 400 that names the allowed values. */
    Sort parse(String parameter) {
        String value = parameter == null || parameter.isBlank() ? "id" : parameter.trim();
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        if (!fields.containsKey(field)) {
            throw new InvalidRequestException("sort", "must be one of " + allowedValues());
        }
        Sort.Direction direction = descending ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort primary = Sort.by(direction, field);
        return field.equals("id") ? primary : primary.and(Sort.by(direction, "id"));
    }

    String column(String field) {
        return fields.get(field).column();
    }

    Object value(T row, String field) {
        return fields.get(field).value().apply(row);
    }

    private String allowedValues() {
        List<String> values = new ArrayList<>();
        for (String field : fields.keySet()) {
            values.add(field);
            values.add("-" + field);
        }
        return String.join(", ", values);
    }
}
