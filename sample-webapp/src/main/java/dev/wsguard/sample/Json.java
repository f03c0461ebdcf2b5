package dev.wsguard.sample;

/**
 * The little JSON the sample writes, without a library in the WAR. Strings are escaped so that the
 * output is valid JSON whatever a request put into a log line, and stays inert if someone serves
 * it as HTML: {@code <}, {@code >} and {@code &} are written as {@code \u003c}-style escapes.
 */
final class Json {

    private Json() {
    }

    static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029' || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    /** {@code "name":} followed by the escaped string value. */
    static StringBuilder field(StringBuilder out, String name, String value) {
        string(out, name).append(':');
        return string(out, value);
    }

    static StringBuilder field(StringBuilder out, String name, long value) {
        return string(out, name).append(':').append(value);
    }
}
