package jp.kasane.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two jars side by side ({@code -Dbench.compare-jar}): each headline figure of every run in their order (A B B A,
 * repeated {@code -Dbench.rounds} times), each jar's mean of its runs, B's change against A, and whether the two jars'
 * runs lie apart: every run of B above every run of A, or every one below. Two runs per jar is the least that shows
 * the noise; a change whose runs overlap is not shown to be a change.
 */
final class Comparison {

    private final String a;
    private final String b;
    private final List<Character> order = new ArrayList<>();
    private final List<Map<String, Double>> runs = new ArrayList<>();

    Comparison(String a, String b) {
        this.a = a;
        this.b = b;
    }

    void add(char jar, Map<String, Double> figures) {
        order.add(jar);
        runs.add(figures);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("A = %s%nB = %s%n%n", a, b));
        out.append("| figure |");
        for (int i = 0; i < order.size(); i++) {
            out.append(" run ").append(i + 1).append(" (").append(order.get(i)).append(") |");
        }
        out.append(" A mean | B mean | B vs A | apart |\n|");
        out.append(" --- |".repeat(order.size() + 5)).append('\n');
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.keySet()));
        for (String name : names) {
            out.append("| ").append(name).append(" |");
            Map<Character, List<Double>> byJar = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                Double v = runs.get(i).get(name);
                out.append(' ').append(format(v)).append(" |");
                if (v != null && !v.isNaN()) {
                    byJar.computeIfAbsent(order.get(i), k -> new ArrayList<>()).add(v);
                }
            }
            double meanA = mean(byJar.get('A'));
            double meanB = mean(byJar.get('B'));
            out.append(' ').append(format(meanA)).append(" | ").append(format(meanB)).append(" | ")
                    .append(change(meanA, meanB)).append(" | ").append(apart(byJar.get('A'), byJar.get('B')))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** "yes" when one jar's runs are all above the other's; blank when a jar has no figure or they are all equal. */
    static String apart(List<Double> a, List<Double> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return "";
        }
        double minA = Collections.min(a), maxA = Collections.max(a);
        double minB = Collections.min(b), maxB = Collections.max(b);
        if (minA == maxB && maxA == minB) {
            return "";
        }
        return minB > maxA || maxB < minA ? "yes" : "no";
    }

    private static double mean(List<Double> values) {
        return values == null || values.isEmpty() ? Double.NaN
                : values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** B against A in per cent; blank where A is zero or missing (an error count of 0, say). */
    static String change(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || a == 0) {
            return "";
        }
        return String.format("%+.0f %%", (b - a) / a * 100);
    }

    private static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        if (v == Math.rint(v)) {
            return String.format("%,.0f", v);
        }
        return Math.abs(v) < 10 ? String.format("%.3f", v) : String.format("%,.0f", v);
    }
}
