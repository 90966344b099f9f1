/**
 * The {@code warden-policy} command-line tool: {@code validate FILES…} and {@code test FILES…}, for pre-commit hooks
 * and CI. Exit code 0 means everything passed, 1 means a problem was reported, 2 means bad usage.
 */
package dev.warden.policy.cli;
