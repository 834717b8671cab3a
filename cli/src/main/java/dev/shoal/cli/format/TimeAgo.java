package dev.shoal.cli.format;

import java.time.Duration;
import java.time.Instant;

/**
 * Docker's relative times ("5 seconds ago", "about a minute ago"): go-units' {@code HumanDuration},
 * lower-cased, plus " ago".
 */
public final class TimeAgo {
    private TimeAgo() {}

    /** go-units' {@code HumanDuration}: "Less than a second", "1 second", "5 minutes", "About an hour", "3 days"… */
    public static String humanDuration(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < 1) return "Less than a second";
        if (seconds == 1) return "1 second";
        if (seconds < 60) return seconds + " seconds";
        long minutes = d.toMinutes();
        if (minutes == 1) return "About a minute";
        if (minutes < 60) return minutes + " minutes";
        long hours = Math.round(d.toMillis() / 3_600_000.0);
        if (hours == 1) return "About an hour";
        if (hours < 48) return hours + " hours";
        if (hours < 24 * 7 * 2) return (hours / 24) + " days";
        if (hours < 24 * 30 * 2) return (hours / 24 / 7) + " weeks";
        if (hours < 24 * 365 * 2) return (hours / 24 / 30) + " months";
        return (d.toHours() / 24 / 365) + " years";
    }

    /** "5 seconds ago" for a moment 5 seconds before now; a future moment counts as now. */
    public static String ago(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) d = Duration.ZERO;
        return humanDuration(d).toLowerCase(java.util.Locale.ROOT) + " ago";
    }
}
