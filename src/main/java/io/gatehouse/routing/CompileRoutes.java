package io.gatehouse.routing;

import io.gatehouse.config.Strategy;
import io.gatehouse.config.TargetConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated config into the {@link Route} tree: inheritance is computed here, once per config,
 * so each leaf carries its final settings and no attempt ever re-merges anything.
 */
final class CompileRoutes {
    static final String ROOT_PATH = "config";

    private CompileRoutes() {
    }

    static Route compile(TargetConfig root) {
        return node(root, TargetSettings.NONE, ROOT_PATH);
    }

    private static Route node(TargetConfig node, TargetSettings parent, String path) {
        TargetSettings here = parent.inherit(node);
        if (node.isLeaf()) {
            return new Route.Leaf(here, path);
        }
        List<Route> children = new ArrayList<>();
        for (int i = 0; i < node.targets().size(); i++) {
            children.add(node(node.targets().get(i), here, path + ".targets[" + i + "]"));
        }
        Strategy strategy = node.strategy();
        if (strategy instanceof Strategy.Single) {
            return children.get(0);
        }
        if (strategy instanceof Strategy.Fallback fallback) {
            return new Route.Fallback(children, Set.copyOf(fallback.onStatusCodes()), path);
        }
        if (strategy instanceof Strategy.LoadBalance) {
            return new Route.LoadBalance(children, node.targets().stream().map(TargetConfig::effectiveWeight).toList(), path);
        }
        Strategy.Conditional conditional = (Strategy.Conditional) strategy;
        Map<String, Route> byName = new HashMap<>();
        for (int i = 0; i < node.targets().size(); i++) {
            if (node.targets().get(i).name() != null) {
                byName.put(node.targets().get(i).name(), children.get(i));
            }
        }
        List<Route.Branch> branches = conditional.conditions().stream()
                .map(rule -> new Route.Branch(rule.query(), byName.get(rule.then())))
                .toList();
        return new Route.Conditional(branches,
                conditional.defaultTarget() == null ? null : byName.get(conditional.defaultTarget()), path);
    }
}
