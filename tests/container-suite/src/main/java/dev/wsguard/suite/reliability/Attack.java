package dev.wsguard.suite.reliability;

import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One hostile request, and what each container does with it on its own in each profile.
 *
 * @param id a name, also the path of its own ({@code /app/chat-<id>}) unless the path is the attack
 * @param description what the request holds
 * @param filler the attack's padding character (or 0): no run of it in a line may pass the field cut
 * @param big whether the request is over 16 KiB (a 64 KiB value)
 * @param code wsguard's diagnosis where the request reaches it; null where it must log nothing (a valid upgrade
 *        the endpoint takes)
 * @param appStatus what the application answers when the request reaches it (the plain servlet's 200, the
 *        reflecting servlet's 302 or 401)
 * @param replaceable false when that answer is larger than {@code buffer-limit}, so enforce mode passes it on and only
 *        logs (docs/how-it-works.md, "Hold back, then decide")
 * @param answers per {@code <container label>|<profile>}; where a container answers one of two ways, both, the
 *        first as it usually does
 * @param requestFor the request, given the path an attack goes to unless the path is the attack
 */
public record Attack(String id, String description, char filler, boolean big, String code, int appStatus,
                     boolean replaceable, Map<String, List<Answer>> answers, Function<String, RawRequest> requestFor) {

    /** Tomcat takes {@code GET /path LF} for an HTTP/0.9 request and answers with the servlet's bare body. */
    public static final String HTTP_09 = "servlet, as HTTP/0.9 (body only, no status line)";

    /** A container's error page without status line or headers, as to an HTTP/0.9 request. */
    public static final String ERROR_PAGE_AS_HTTP_09 = "error page only, as HTTP/0.9";

    /**
     * What a container does with an attack.
     *
     * @param reaches whether the request passes the container's parser and reaches the application, wsguard first:
     *        then the application answers (in enforce mode wsguard, where it replaces the answer)
     * @param containerAnswer where it does not, the container's own answer ({@code container 431}, {@link #HTTP_09})
     * @param code what wsguard logs: the attack's code where the request reaches it (null: nothing, the endpoint
     *        took it), another where the container hands it on changed; "" where the container answered alone
     */
    public record Answer(boolean reaches, String containerAnswer, String code) {

        /** How the catalogue and the tables show it. */
        @Override
        public String toString() {
            return reaches ? "reaches wsguard" + (code == null ? "" : ", " + code)
                    : containerAnswer + (code.isEmpty() ? "" : " + " + code);
        }
    }

    public Attack {
        answers = Map.copyOf(answers);
    }

    /** Where the attack is sent unless the path is the attack: no endpoint there, the plain servlet answers 200. */
    public String misroutedPath() {
        return "/app/chat-" + id;
    }

    /** The request, written for {@code /app}. */
    public RawRequest request() {
        return requestFor.apply(misroutedPath());
    }

    /** Every answer recorded for the container (more than one where it answers one of two ways); empty if none. */
    public List<Answer> answers(ContainerKind kind, Profile profile) {
        return answers.getOrDefault(key(kind, profile), List.of());
    }

    static String key(ContainerKind kind, Profile profile) {
        return kind.label() + "|" + profile;
    }

    @Override
    public String toString() {
        return id;
    }

    static Builder attack(String id, String description) {
        return new Builder(id, description);
    }

    /** Builds an attack; every container the catalogue knows gets an answer per profile. */
    static final class Builder {
        private final String id;
        private final String description;
        private char filler;
        private boolean big;
        private String code;
        private boolean codeSet;
        private int appStatus = 200;
        private boolean replaceable = true;
        private final Map<String, List<Answer>> answers = new LinkedHashMap<>();

        private Builder(String id, String description) {
            this.id = id;
            this.description = description;
        }

        Builder filler(char c) {
            filler = c;
            return this;
        }

        /** Over every container's default request-head limit of 8 KiB (not Undertow's 1 MiB). */
        Builder big() {
            big = true;
            return this;
        }

        /** wsguard's code where the request reaches it; before the answers that say it does. */
        Builder code(String c) {
            code = c;
            codeSet = true;
            return this;
        }

        /** The application's status when the request reaches it (the reflecting servlet's 302 or 401). */
        Builder appStatus(int status) {
            appStatus = status;
            return this;
        }

        /** The application's answer exceeds the default 64 KiB buffer-limit: enforce mode cannot replace it. */
        Builder overBufferLimit() {
            replaceable = false;
            return this;
        }

        /** In every profile, the request reaches the application on these containers. */
        Builder reaches(ContainerKind... kinds) {
            return answer(new Answer(true, null, code), Profile.values(), kinds);
        }

        /** In this profile, the request reaches the application on these containers. */
        Builder reaches(Profile profile, ContainerKind... kinds) {
            return answer(new Answer(true, null, code), new Profile[] {profile}, kinds);
        }

        /** In every profile, the request reaches the application changed, so that wsguard logs {@code logged}. */
        Builder reachesAs(String logged, ContainerKind... kinds) {
            return answer(new Answer(true, null, logged), Profile.values(), kinds);
        }

        /** In every profile, these containers answer {@code status} themselves, before any filter. */
        Builder refused(int status, ContainerKind... kinds) {
            return answered("container " + status, kinds);
        }

        /** In this profile, these containers answer {@code status} themselves, before any filter. */
        Builder refused(Profile profile, int status, ContainerKind... kinds) {
            return answer(new Answer(false, "container " + status, ""), new Profile[] {profile}, kinds);
        }

        /** In every profile, these containers answer in their own way ({@link #HTTP_09}), no filter involved. */
        Builder answered(String summary, ContainerKind... kinds) {
            return answer(new Answer(false, summary, ""), Profile.values(), kinds);
        }

        /**
         * In every profile, the request passes wsguard, and the container itself then fails it with {@code status},
         * which wsguard logs as {@code logged} in every mode (a 5xx is never replaced).
         */
        Builder failedAfterWsguard(int status, String logged, ContainerKind... kinds) {
            return answer(new Answer(false, "container " + status, logged), Profile.values(), kinds);
        }

        /**
         * Besides their recorded answer, these containers at times answer this way (a race in their parser: what
         * they had read of the request when they refused it).
         */
        Builder orAnswered(String summary, ContainerKind... kinds) {
            for (Profile profile : Profile.values()) {
                orAnswered(profile, summary, kinds);
            }
            return this;
        }

        /** As {@link #orAnswered(String, ContainerKind...)}, in one profile only. */
        Builder orAnswered(Profile profile, String summary, ContainerKind... kinds) {
            for (ContainerKind kind : kinds) {
                List<Answer> both = new ArrayList<>(answers.get(key(kind, profile)));
                both.add(new Answer(false, summary, ""));
                answers.put(key(kind, profile), List.copyOf(both));
            }
            return this;
        }

        private Builder answer(Answer answer, Profile[] profiles, ContainerKind... kinds) {
            if (!codeSet) {
                throw new IllegalStateException(id + ": say its code before what containers answer");
            }
            for (ContainerKind kind : kinds) {
                for (Profile profile : profiles) {
                    answers.put(key(kind, profile), List.of(answer));
                }
            }
            return this;
        }

        Attack request(Function<String, RawRequest> request) {
            return new Attack(id, description, filler, big, code, appStatus, replaceable, answers, request);
        }
    }
}
