package dev.warden.core;

/** Coarse risk class of a tool, for policies and dashboards. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
