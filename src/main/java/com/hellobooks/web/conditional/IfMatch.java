package com.hellobooks.web.conditional;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.hellobooks.web.errors.InvalidRequestException;
import com.hellobooks.web.errors.PreconditionFailedException;

/**
 * An {@code If-Match} header (RFC 9110): the write goes ahead only if the resource's current
 * ETag is one of those listed, or for {@code *} if it exists at all. Optional: clients of the
 * original API send none, and then every write goes ahead. Comparison is strong, so a weak
 * tag ({@code W/"3"}) never matches.
 */
public final class IfMatch {

    private static final IfMatch NONE = new IfMatch(false, List.of());
    private static final Pattern ENTITY_TAG = Pattern.compile("\\s*(W/)?(\"[^\"]*\")\\s*(,|$)");

    private final boolean any;
    private final List<String> strongTags;

    private IfMatch(boolean any, List<String> strongTags) {
        this.any = any;
        this.strongTags = strongTags;
    }

    public static IfMatch none() {
        return NONE;
    }

    public static IfMatch parse(String header) {
        if (header == null) {
            return NONE;
        }
        if (header.trim().equals("*")) {
            return new IfMatch(true, List.of());
        }
        List<String> tags = new ArrayList<>();
        Matcher matcher = ENTITY_TAG.matcher(header);
        int end = 0;
        while (end < header.length() && matcher.find(end) && matcher.start() == end) {
            if (matcher.group(1) == null) {
                tags.add(matcher.group(2));
            }
            end = matcher.end();
        }
        if (end < header.length() || (tags.isEmpty() && !header.contains("W/"))) {
            throw new InvalidRequestException("If-Match", "must be * or a list of quoted ETags such as \"3\"");
        }
        return new IfMatch(false, List.copyOf(tags));
    }

    public boolean isPresent() {
        return this != NONE;
    }

    /** Passes when there is no header, or when it matches the current ETag; else 412. */
    public void check(String currentEtag, String resource, long id) {
        if (isPresent() && !any && !strongTags.contains(currentEtag)) {
            throw new PreconditionFailedException(resource, id);
        }
    }
}
