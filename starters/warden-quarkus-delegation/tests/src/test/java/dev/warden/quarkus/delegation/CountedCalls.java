package dev.warden.quarkus.delegation;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An interceptor binding on a tool method, as an application's {@code @Transactional} or metrics annotation would be:
 * the container then hands out a generated subclass of the agent bean, whose own declared methods carry no
 * {@code @Tool}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CountedCalls {
    /** Counts the calls it intercepts. */
    @CountedCalls
    @Interceptor
    @Priority(Interceptor.Priority.APPLICATION)
    class Counter {
        static final AtomicInteger CALLS = new AtomicInteger();

        @AroundInvoke
        Object count(InvocationContext context) throws Exception {
            CALLS.incrementAndGet();
            return context.proceed();
        }
    }
}
