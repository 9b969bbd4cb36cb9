import { App } from "aws-cdk-lib";
import { configureApp, featureFlags } from "../lib/app";

const app = new App({ context: featureFlags });
configureApp(app);
app.synth();
