package io.callgem.service;

import java.util.HashMap;
import java.util.Map;

/**
 * The service as a newcomer runs it — the built-in simulator generating a live feed — on a
 * free loopback port with its own data folders.
 */
public class LiveFeedResource extends ServiceTestResource {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        config.put("callgem.simulator.count", "-1");
        config.put("callgem.simulator.rate", "200");
        return config;
    }
}
