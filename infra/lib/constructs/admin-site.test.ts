import { App, Stack, Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { HttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { AwsSolutionsChecks } from "cdk-nag";
import { describe, expect, it } from "vitest";
import { featureFlags } from "../app";
import { stageConfig } from "../stage";
import { AdminSite, type AdminSiteProps } from "./admin-site";

/** The site alone (no Lambda bundling), under the same cdk-nag checks as the app. */
function synthesizeSite(props: Omit<AdminSiteProps, "stage" | "httpApi">) {
  const app = new App({ context: featureFlags });
  const stack = new Stack(app, "SiteOnly");
  const httpApi = HttpApi.fromHttpApiAttributes(stack, "Api", { httpApiId: "a1b2c3d4e5" });
  new AdminSite(stack, "Site", { stage: stageConfig("prod"), httpApi, ...props });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  return Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
}

describe("the admin site with a custom domain and a web ACL", () => {
  const webAclArn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/pingan/0f3c";
  const customDomain = {
    domainName: "pingan.example.cn",
    certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/5b1c",
  };

  it("serves TLS 1.2+ on its own name behind the web ACL, with no TLS or WAF acknowledgement needed", () => {
    // The CFR2 and CFR4 acknowledgements are only made without these; synth would throw if still needed.
    const template = synthesizeSite({ webAclArn, customDomain });
    template.hasResourceProperties("AWS::CloudFront::Distribution", {
      DistributionConfig: {
        Aliases: [customDomain.domainName],
        WebACLId: webAclArn,
        ViewerCertificate: {
          AcmCertificateArn: customDomain.certificateArn,
          MinimumProtocolVersion: "TLSv1.2_2021",
          SslSupportMethod: "sni-only",
        },
      },
    });
  });

  it("needs both the domain name and the certificate", async () => {
    const { configureApp } = await import("../app");
    const app = new App({ context: { ...featureFlags, domainName: customDomain.domainName } });
    expect(() => configureApp(app, { adminDistPath: null })).toThrow(/both -c domainName/);
  });
});
