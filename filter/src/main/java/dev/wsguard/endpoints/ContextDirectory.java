package dev.wsguard.endpoints;

import java.util.Collections;
import java.util.List;

/** Other contexts of the same server and their endpoints, where the deployment lets wsguard see them. */
public interface ContextDirectory {

    /** Sees nothing: a single context, or nothing shared. */
    ContextDirectory NONE = Collections::emptyList;

    /** The other contexts (never this one); asked only on the slow path of a diagnosis. */
    List<ContextEndpoints> otherContexts();
}
