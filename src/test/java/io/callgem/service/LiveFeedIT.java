package io.callgem.service;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link LiveFeedTest} against the packaged application (the jar, or the native executable). */
@QuarkusIntegrationTest
class LiveFeedIT extends LiveFeedTest {
}
