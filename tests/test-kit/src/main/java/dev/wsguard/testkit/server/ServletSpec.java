package dev.wsguard.testkit.server;

import jakarta.servlet.Servlet;
import java.util.function.Supplier;

/** A servlet of an app setup, described once and installed the same way on every container. */
public record ServletSpec(String name, Supplier<? extends Servlet> servlet, String mapping) {
}
