package com.hellobooks.web;

import java.util.Locale;

import org.springframework.data.jpa.domain.Specification;

/** The list filters' rule: a case-insensitive substring match, with % and _ taken literally. */
public final class SubstringFilter {

    private static final char ESCAPE = '\\';

    private SubstringFilter() {
    }

    /** Matches rows whose {@code attribute} contains {@code text}; matches every row when text is null. */
    public static <T> Specification<T> containsIgnoringCase(String attribute, String text) {
        if (text == null) {
            return Specification.unrestricted();
        }
        String pattern = "%" + escapeLikeWildcards(text.toLowerCase(Locale.ROOT)) + "%";
        return (root, query, cb) -> cb.like(cb.lower(root.get(attribute)), pattern, ESCAPE);
    }

    private static String escapeLikeWildcards(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
