package com.hellobooks.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.domain.Sort;

/**
 * The fields a list may be sorted by. {@code sort=title} sorts ascending, {@code sort=-title}
 * descending; ties are always broken by id ascending, so that every order is total and a
 * keyset cursor can point between any two rows.
 */
public final class SortOptions {

    private final List<String> fields;

    private SortOptions(List<String> fields) {
        this.fields = fields;
    }

    /** The allowed fields besides {@code id}, which every list can be sorted by. */
    public static SortOptions idAnd(String... fields) {
        List<String> all = new ArrayList<>(List.of("id"));
        all.addAll(List.of(fields));
        return new SortOptions(List.copyOf(all));
    }

    /** The sort for a {@code sort} parameter, or a 400 that names the allowed values. */
    Sort parse(String parameter) {
        String value = parameter == null || parameter.isBlank() ? "id" : parameter.trim();
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        if (!fields.contains(field)) {
            throw new InvalidRequestException("sort", "must be one of " + allowedValues());
        }
        Sort primary = Sort.by(descending ? Sort.Direction.DESC : Sort.Direction.ASC, field);
        return field.equals("id") ? primary : primary.and(Sort.by("id"));
    }

    private String allowedValues() {
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            values.add(field);
            values.add("-" + field);
        }
        return String.join(", ", values);
    }
}
