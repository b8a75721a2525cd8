// Validates every object of the YAML streams given as arguments against the Kubernetes API
// schemas of kubernetes-models (the version pinned in package.json), and the Dapr components
// against the fields Dapr requires. Prints one line per object; exits 1 naming each invalid one.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import * as models from "kubernetes-models";

// Models are exported per group and version (apps.v1.Deployment), the core group per version (v1.Service).
const kinds = new Map();
function collect(node, depth) {
  for (const value of Object.values(node ?? {})) {
    if (typeof value === "function" && value.apiVersion && value.kind) kinds.set(`${value.apiVersion}/${value.kind}`, value);
    else if (value && typeof value === "object" && depth < 2) collect(value, depth + 1);
  }
}
collect(models, 0);

function validateDapr(object) {
  const errors = [];
  if (!object.metadata?.name) errors.push("metadata.name is required");
  if (!object.spec?.type) errors.push("spec.type is required");
  if (!/^v\d+$/.test(object.spec?.version ?? "")) errors.push("spec.version must be v<n>");
  return errors;
}

// `--config-keys FILE...`: print the configuration keys the rendered objects give the
// processes (container env names and ConfigMap data keys), one per line, and each value's $(VAR) references.
if (process.argv[2] === "--config-keys") {
  for (const file of process.argv.slice(3)) {
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
      const object = document.toJS();
      if (!object) continue;
      if (object.kind === "ConfigMap") for (const key of Object.keys(object.data ?? {})) console.log(`key ${key}`);
      const pod = object.spec?.template?.spec;
      for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
        for (const env of container.env ?? []) {
          console.log(`key ${env.name}`);
          for (const match of String(env.value ?? "").matchAll(/\$\(([A-Za-z0-9_]+)\)/g)) console.log(`uses ${match[1]}`);
        }
      }
    }
  }
  process.exit(0);
}

// `--dapr FILE...`: what the Dapr wiring names, one line each: "component NAME TYPE SCOPES" for each
// Component, "app DEPLOYMENT APP-ID APP-PORT HTTP-PORT" for each Deployment with a sidecar, and
// "config KEY VALUE" for each Dapr__ key of the ConfigMap.
if (process.argv[2] === "--dapr") {
  for (const file of process.argv.slice(3)) {
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
      const object = document.toJS();
      if (!object) continue;
      if (object.kind === "Component") console.log(`component ${object.metadata.name} ${object.spec.type} ${(object.scopes ?? []).join(",") || "-"}`);
      if (object.kind === "ConfigMap") {
        for (const [key, value] of Object.entries(object.data ?? {})) if (key.startsWith("Dapr__")) console.log(`config ${key} ${value}`);
      }
      const annotations = object.spec?.template?.metadata?.annotations ?? {};
      if (object.kind === "Deployment" && annotations["dapr.io/enabled"] === "true") {
        const http = object.spec.template.spec.containers[0].ports.find((p) => p.name === "http");
        console.log(`app ${object.metadata.name} ${annotations["dapr.io/app-id"]} ${annotations["dapr.io/app-port"]} ${http?.containerPort}`);
      }
    }
  }
  process.exit(0);
}

let failed = 0;
let count = 0;
for (const file of process.argv.slice(2)) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length) {
      console.log(`INVALID ${file}: ${document.errors[0].message}`);
      failed++;
      continue;
    }
    const object = document.toJS();
    if (!object) continue;
    count++;
    const id = `${object.apiVersion}/${object.kind} ${object.metadata?.name}`;
    let errors = [];
    if (object.apiVersion === "dapr.io/v1alpha1" && object.kind === "Component") {
      errors = validateDapr(object);
    } else {
      const type = kinds.get(`${object.apiVersion}/${object.kind}`);
      if (!type) {
        errors = [`unknown kind ${object.apiVersion}/${object.kind}`];
      } else {
        try {
          new type(object).validate();
        } catch (e) {
          errors = [e.message];
        }
      }
    }
    if (errors.length) {
      failed++;
      console.log(`INVALID ${id}: ${errors.join("; ")}`);
    } else {
      console.log(`valid ${id}`);
    }
  }
}
console.log(`${count} objects, ${failed} invalid`);
process.exit(failed || count === 0 ? 1 : 0);
