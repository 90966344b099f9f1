package dev.warden.spi;

import dev.warden.core.CheckpointRequest;
import dev.warden.core.Decision;
import dev.warden.core.GovernanceContext;
import io.smallrye.mutiny.Uni;

/**
 * A {@link DelegatingPlane} around an {@link AsyncPolicyPlane}: forwards {@link #evaluateAsync} too, so the wrapper is
 * evaluated asynchronously, as its delegate is.
 */
public abstract class DelegatingAsyncPlane extends DelegatingPlane implements AsyncPolicyPlane {
    private final AsyncPolicyPlane delegate;

    protected DelegatingAsyncPlane(AsyncPolicyPlane delegate) {
        super(delegate);
        this.delegate = delegate;
    }

    @Override
    public Uni<Decision> evaluateAsync(CheckpointRequest request, GovernanceContext context) {
        return delegate.evaluateAsync(request, context);
    }
}
