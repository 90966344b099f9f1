package dev.warden.identity;

import dev.warden.policy.testing.AbstractPolicyCorpusTest;

/** This plane's example policies and YAML policy-test corpus, run through {@code warden-policy}. */
class PolicyCorpusTest extends AbstractPolicyCorpusTest {
    @Override
    protected int expectedCases() {
        return 12;
    }
}
