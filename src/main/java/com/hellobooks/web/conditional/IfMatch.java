package com.hellobooks.web.conditional;

import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.hellobooks.web.errors.InvalidRequestException;
import com.hellobooks.web.errors.PreconditionFailedException;
import com.hellobooks.web.errors.ResourceNotFoundException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.WebRequest;

/**
 * An {@code If-Match} header (RFC 9110): the write goes ahead only if the resource's current
 * ETag is one of those listed, or for {@code *} if it exists at all. Optional: clients of the
 * original API send none, and then every write goes ahead. Spring evaluates it
 * ({@link WebRequest#checkNotModified(String)}, with the strong comparison, so a weak tag never
 * matches); Spring's parser skips what it cannot read, so the syntax is checked here first: a
 * malformed header is the client's 400, not a 412.
 */
public final class IfMatch {

    private static final IfMatch NONE = new IfMatch(null, false);
    /** {@code #entity-tag}: one or more, comma-separated, a trailing comma allowed. */
    private static final Pattern TAG_LIST = Pattern.compile("(\\s*(W/)?\"[^\"]*\"\\s*(,|$))+");

    private final WebRequest request;
    private final boolean any;

    private IfMatch(WebRequest request, boolean any) {
        this.request = request;
        this.any = any;
    }

    public static IfMatch of(WebRequest request) {
        String[] values = request.getHeaderValues(HttpHeaders.IF_MATCH);
        if (values == null) {
            return NONE;
        }
        String header = String.join(",", values);
        boolean any = header.trim().equals("*");
        if (!any && !TAG_LIST.matcher(header).matches()) {
            throw new InvalidRequestException("If-Match", "must be * or a list of quoted ETags such as \"3\"");
        }
        return new IfMatch(request, any);
    }

    /**
     * The version a conditional write holds on. With ETags listed, the row is read first
     * ({@code read}, without a lock): its 404, or the 412 of a stale If-Match, before anything is
     * written, and then its version. Without a header, or for {@code *} ("if it exists"), no
     * read: null, any version, and the write's own statement finds the row or answers 404.
     */
    public <T> Long versionToWriteOn(Supplier<Optional<Current<T>>> read, String resource, long id) {
        return this == NONE || any ? null : checked(read.get(), resource, id).version();
    }

    /** The row read before a write that needs its fields (a merge patch): its 404, or the 412 of a stale If-Match. */
    public <T> Current<T> checked(Optional<Current<T>> current, String resource, long id) {
        Current<T> found = current.orElseThrow(() -> new ResourceNotFoundException(resource, id));
        if (this != NONE && request.checkNotModified(found.etag())) {
            throw new PreconditionFailedException(resource, id);
        }
        return found;
    }

    /**
     * What a conditional write that wrote no row answers: the row is gone (404), or it was
     * written on a version that another writer has changed since it was read (the exception
     * handler's 412 with If-Match, else 409).
     */
    public static RuntimeException lost(String resource, long id, Long version, BooleanSupplier exists) {
        return version != null && exists.getAsBoolean()
                ? new OptimisticLockingFailureException(resource + " " + id + " changed since it was read")
                : new ResourceNotFoundException(resource, id);
    }
}
