package dev.warden.policy.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A weekly time window such as {@code Mon-Fri 08:00-18:00}, {@code Sat,Sun 10:00-14:00} or {@code * 22:00-06:00}
 * (overnight). Start inclusive, end exclusive; the day is the day the window starts on. Parsed once and cached.
 */
public record TimeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    private static final ConcurrentHashMap<String, TimeWindow> CACHE = new ConcurrentHashMap<>();

    /** Parses (cached); throws {@link IllegalArgumentException} with a precise message when malformed. */
    public static TimeWindow parse(String spec) {
        TimeWindow w = CACHE.get(spec);
        if (w == null) {
            w = doParse(spec);
            if (CACHE.size() < 512) {
                CACHE.put(spec, w);
            }
        }
        return w;
    }

    /** Whether {@code instant}, seen in {@code zone}, falls inside the window. */
    public boolean contains(Instant instant, ZoneId zone) {
        ZonedDateTime t = instant.atZone(zone);
        LocalTime time = t.toLocalTime();
        if (!start.isAfter(end)) {
            return days.contains(t.getDayOfWeek()) && !time.isBefore(start) && time.isBefore(end);
        }
        // Overnight: the late part belongs to today, the early part to the window that started yesterday.
        return (days.contains(t.getDayOfWeek()) && !time.isBefore(start))
                || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(end));
    }

    private static TimeWindow doParse(String spec) {
        String[] parts = spec == null ? new String[0] : spec.trim().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("time window '" + spec + "' must look like 'Mon-Fri 08:00-18:00'");
        }
        String[] hours = parts[1].split("-");
        if (hours.length != 2) {
            throw new IllegalArgumentException("time range '" + parts[1] + "' must look like '08:00-18:00'");
        }
        try {
            return new TimeWindow(days(parts[0]), LocalTime.parse(hours[0]), LocalTime.parse(hours[1]));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("time range '" + parts[1] + "' must use HH:mm", e);
        }
    }

    private static Set<DayOfWeek> days(String spec) {
        if (spec.equals("*") || spec.equalsIgnoreCase("daily")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        EnumSet<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length > 1 ? day(range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                out.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        String key = s.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (key.length() >= 3 && d.name().startsWith(key)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + s + "' (use Mon, Tue, … Sun)");
    }
}
