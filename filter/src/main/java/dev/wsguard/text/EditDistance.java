package dev.wsguard.text;

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), used to suggest
 * the endpoint or parameter name a user probably meant. Inputs are bounded by the callers.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** Edit distance between two strings, comparing characters exactly. */
    public static int between(CharSequence a, CharSequence b) {
        return between(a, 0, a.length(), b, false);
    }

    /** Edit distance between {@code a} and {@code b}, ignoring ASCII case when asked. */
    public static int between(CharSequence a, CharSequence b, boolean ignoreCase) {
        return between(a, 0, a.length(), b, ignoreCase);
    }

    /**
     * Edit distance between the region {@code a[from, to)} and {@code b}. Three rolling rows keep
     * memory at O(|b|).
     */
    public static int between(CharSequence a, int from, int to, CharSequence b, boolean ignoreCase) {
        int n = to - from;
        int m = b.length();
        if (n == 0) {
            return m;
        }
        if (m == 0) {
            return n;
        }
        int[] beforePrevious = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            char ca = a.charAt(from + i - 1);
            for (int j = 1; j <= m; j++) {
                char cb = b.charAt(j - 1);
                int cost = same(ca, cb, ignoreCase) ? 0 : 1;
                int best = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && same(ca, b.charAt(j - 2), ignoreCase)
                        && same(a.charAt(from + i - 2), cb, ignoreCase)) {
                    best = Math.min(best, beforePrevious[j - 2] + 1);
                }
                current[j] = best;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[m];
    }

    private static boolean same(char a, char b, boolean ignoreCase) {
        return a == b || (ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b));
    }
}
