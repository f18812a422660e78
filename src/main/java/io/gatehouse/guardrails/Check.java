package io.gatehouse.guardrails;

/** One check function, e.g. {@code default.regexMatch}. */
@FunctionalInterface
interface Check {
    /**
     * @throws Exception when it cannot decide (bad parameters, a webhook that did not answer): the check errs
     */
    CheckResult run(CheckInput input, Parameters parameters) throws Exception;
}
