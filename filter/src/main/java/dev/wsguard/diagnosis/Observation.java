package dev.wsguard.diagnosis;

/**
 * What the downstream chain actually answered. Observation decides whether a request was
 * misrouted; this records enough to say who answered and with what.
 */
public final class Observation {

    private final int status;
    private final String contentType;
    private final String location;
    private final String wwwAuthenticate;
    private final Responder responder;
    private final BodySample body;
    private final String failure;

    private Observation(Builder b) {
        this.status = b.status;
        this.contentType = b.contentType;
        this.location = b.location;
        this.wwwAuthenticate = b.wwwAuthenticate;
        this.responder = b.responder == null ? Responder.unknown() : b.responder;
        this.body = b.body == null ? BodySample.empty() : b.body;
        this.failure = b.failure;
    }

    public static Builder status(int status) {
        return new Builder(status);
    }

    public int status() {
        return status;
    }

    /** The Content-Type the answer carries, or null. */
    public String contentType() {
        return contentType;
    }

    /** The Location header of a redirect, or null. */
    public String location() {
        return location;
    }

    /** The WWW-Authenticate challenge of a 401, or null. */
    public String wwwAuthenticate() {
        return wwwAuthenticate;
    }

    public Responder responder() {
        return responder;
    }

    /** This observation with another responder (the same one, with who answered inside it). */
    public Observation withResponder(Responder r) {
        return status(status).contentType(contentType).location(location).wwwAuthenticate(wwwAuthenticate)
                .responder(r).body(body).failure(failure).build();
    }

    public BodySample body() {
        return body;
    }

    /** The class of an exception thrown downstream, or null. */
    public String failure() {
        return failure;
    }

    /** Collects an observation; every field but the status is optional. */
    public static final class Builder {
        private final int status;
        private String contentType;
        private String location;
        private String wwwAuthenticate;
        private Responder responder;
        private BodySample body;
        private String failure;

        private Builder(int status) {
            this.status = status;
        }

        public Builder contentType(String v) {
            this.contentType = v;
            return this;
        }

        public Builder location(String v) {
            this.location = v;
            return this;
        }

        public Builder wwwAuthenticate(String v) {
            this.wwwAuthenticate = v;
            return this;
        }

        public Builder responder(Responder v) {
            this.responder = v;
            return this;
        }

        public Builder body(BodySample v) {
            this.body = v;
            return this;
        }

        public Builder failure(String v) {
            this.failure = v;
            return this;
        }

        public Observation build() {
            return new Observation(this);
        }
    }
}
