package dev.shoal.stack;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Go library behaviours a stack file's meaning depends on: {@code fmt.Sprint} of a number,
 * {@code time.ParseDuration} and {@code Duration.String}, go-units {@code RAMInBytes}, and
 * google/shlex word splitting. Pure functions; parse failures throw {@link IllegalArgumentException}
 * with Go's wording.
 */
public final class GoFormat {
    private static final Pattern SIZE = Pattern.compile("^(\\d+(\\.\\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$");

    private GoFormat() {
    }

    /** {@code fmt.Sprint} of a YAML scalar: integers in decimal, floats as Go's %v, booleans, strings as is. */
    public static String sprint(Object v) {
        if (v instanceof Double || v instanceof Float) return formatFloat(((Number) v).doubleValue());
        return String.valueOf(v);
    }

    /** Go's {@code %v} of a float64: the shortest representation, in exponent form when the exponent is < -4 or >= 6 (so 1e6 prints as {@code 1e+06}). */
    public static String formatFloat(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        if (d == 0) return (1 / d < 0) ? "-0" : "0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int dp = digits.length() - bd.scale(); // position of the decimal point relative to the digits
        int exp = dp - 1;
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = String.valueOf(Math.abs(exp));
            if (e.length() < 2) e = "0" + e;
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return sign + bd.toPlainString();
    }

    /** Go's {@code time.ParseDuration}, in nanoseconds. */
    public static long parseDuration(String s) {
        String orig = s;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) return 0;
        if (s.isEmpty()) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        double total = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            boolean pre = i > start;
            String whole = s.substring(start, i);
            String frac = "";
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fs = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
                frac = s.substring(fs, i);
            }
            if (!pre && frac.isEmpty()) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
            int us = i;
            while (i < s.length() && s.charAt(i) != '.' && !Character.isDigit(s.charAt(i))) i++;
            String unit = s.substring(us, i);
            if (unit.isEmpty()) throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            double scale;
            switch (unit) {
                case "ns": scale = 1; break;
                case "us":
                case "\u00b5s":
                case "\u03bcs": scale = 1e3; break;
                case "ms": scale = 1e6; break;
                case "s": scale = 1e9; break;
                case "m": scale = 60e9; break;
                case "h": scale = 3600e9; break;
                default:
                    throw new IllegalArgumentException("time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            }
            BigDecimal v = new BigDecimal((whole.isEmpty() ? "0" : whole) + (frac.isEmpty() ? "" : "." + frac));
            total += v.multiply(BigDecimal.valueOf(scale)).doubleValue();
        }
        if (total > Long.MAX_VALUE) throw new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
        long n = Math.round(Math.floor(total));
        return neg ? -n : n;
    }

    /** Go's {@code time.Duration.String}: {@code 0s}, {@code 1.5s}, {@code 2m0s}, {@code 1h0m0s}, {@code 500ms}. */
    public static String formatDuration(long nanos) {
        if (nanos == 0) return "0s";
        boolean neg = nanos < 0;
        long u = Math.abs(nanos);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long scale;
            if (u < 1_000L) {
                return (neg ? "-" : "") + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "\u00b5s";
                scale = 1_000L;
            } else {
                unit = "ms";
                scale = 1_000_000L;
            }
            sb.append(fraction(u, scale)).append(unit);
        } else {
            long secs = u / 1_000_000_000L;
            long rem = u % 1_000_000_000L;
            long h = secs / 3600;
            long m = (secs / 60) % 60;
            long s = secs % 60;
            if (h > 0) sb.append(h).append('h');
            if (h > 0 || m > 0) sb.append(m).append('m');
            sb.append(s);
            if (rem > 0) {
                String f = String.format(Locale.ROOT, "%09d", rem).replaceAll("0+$", "");
                sb.append('.').append(f);
            }
            sb.append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long scale) {
        long whole = v / scale;
        long rem = v % scale;
        if (rem == 0) return String.valueOf(whole);
        int width = String.valueOf(scale).length() - 1;
        String f = String.format(Locale.ROOT, "%0" + width + "d", rem).replaceAll("0+$", "");
        return whole + "." + f;
    }

    /** go-units {@code RAMInBytes}: {@code 512m}, {@code 1gb}, {@code 50M}, {@code 1.5g} in binary units; a plain number is bytes. */
    public static long ramInBytes(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) throw new IllegalArgumentException("invalid size: '" + s + "'");
        double size;
        try {
            size = Double.parseDouble(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size: '" + s + "'");
        }
        String unit = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
        double mul;
        switch (unit) {
            case "k": mul = 1024d; break;
            case "m": mul = 1024d * 1024; break;
            case "g": mul = 1024d * 1024 * 1024; break;
            case "t": mul = 1024d * 1024 * 1024 * 1024; break;
            case "p": mul = 1024d * 1024 * 1024 * 1024 * 1024; break;
            default: mul = 1; break;
        }
        return (long) (size * mul);
    }

    /** google/shlex {@code Split}: POSIX-style words with single quotes, double quotes, backslash escapes and # comments. */
    public static List<String> shellSplit(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n') i++;
                continue;
            }
            StringBuilder w = new StringBuilder();
            boolean done = false;
            while (i < n && !done) {
                c = s.charAt(i);
                if (Character.isWhitespace(c)) {
                    done = true;
                } else if (c == '\'') {
                    int end = s.indexOf('\'', i + 1);
                    if (end < 0) throw new IllegalArgumentException("EOF found when expecting closing quote");
                    w.append(s, i + 1, end);
                    i = end + 1;
                } else if (c == '"') {
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char q = s.charAt(i);
                        if (q == '"') {
                            closed = true;
                            i++;
                            break;
                        }
                        if (q == '\\') {
                            if (i + 1 >= n) throw new IllegalArgumentException("EOF found after escape character");
                            w.append(s.charAt(i + 1));
                            i += 2;
                            continue;
                        }
                        w.append(q);
                        i++;
                    }
                    if (!closed) throw new IllegalArgumentException("EOF found when expecting closing quote");
                } else if (c == '\\') {
                    if (i + 1 >= n) throw new IllegalArgumentException("EOF found after escape character");
                    w.append(s.charAt(i + 1));
                    i += 2;
                } else {
                    w.append(c);
                    i++;
                }
            }
            out.add(w.toString());
        }
        return out;
    }
}
