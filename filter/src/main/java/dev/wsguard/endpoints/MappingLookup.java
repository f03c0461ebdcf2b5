package dev.wsguard.endpoints;

/**
 * Asks the container, at diagnosis time, which endpoint it has mapped at a path: live knowledge
 * that catches endpoints added after startup and tells "declared" from "deployed".
 */
public interface MappingLookup {

    /** Knows nothing. */
    MappingLookup NONE = path -> null;

    /** The template of the endpoint the container maps at this context-relative path, or null. */
    String mappedTemplate(String path);
}
