package fr.eterrain.infra;

import software.amazon.awscdk.App;

/** CDK entry point: {@code cdk synth -c stage=dev|prod} (see cdk.json and README.md). */
public final class EterrainApp {
    private EterrainApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        EterrainStacks.create(app);
        app.synth();
    }
}
