package io.gatehouse.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR `mvn package` built, deployed at the context root as the README's run command does. */
final class Deployments {
    private Deployments() {
    }

    static WebArchive gatehouseAtRoot() {
        File war = new File(System.getProperty("gatehouse.war", "target/gatehouse.war"));
        return ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .merge(ShrinkWrap.createFromZipFile(WebArchive.class, war));
    }
}
