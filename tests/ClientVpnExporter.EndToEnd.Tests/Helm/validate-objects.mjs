// Validates Kubernetes objects against the JSON schemas of the npm packages kubernetes-models (the core
// kinds of one Kubernetes release) and @kubernetes-models/prometheus-operator (ServiceMonitor, PrometheusRule).
//
//   node validate-objects.mjs <node_modules folder> <objects.json>
//
// objects.json: a JSON array of objects. stdout: one JSON line per object, {kind, name, ok, errors}. An object of a
// kind neither package models is an error, never a pass. Exits 0 when every object is valid, 1 otherwise.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, objectsFile] = process.argv.slice(2);
if (!modules || !objectsFile) {
  console.error("usage: node validate-objects.mjs <node_modules folder> <objects.json>");
  process.exit(2);
}

// apiVersion to the folder of its models: the core group is "v1", other groups keep their name.
function modelFile(apiVersion, kind) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return join(modules, "@kubernetes-models", "prometheus-operator", apiVersion, `${kind}.js`);
  }
  return join(modules, "kubernetes-models", apiVersion, `${kind}.js`);
}

const objects = JSON.parse(readFileSync(objectsFile, "utf8"));
let failed = 0;
for (const object of objects) {
  const kind = object?.kind ?? "";
  const name = object?.metadata?.name ?? "";
  let errors = [];
  try {
    const module = await import(pathToFileURL(modelFile(object.apiVersion ?? "", kind)).href);
    const Model = module[kind];
    if (typeof Model !== "function") {
      throw new Error(`no model exports ${kind}`);
    }
    new Model(object).validate();
  } catch (error) {
    if (error?.code === "ERR_MODULE_NOT_FOUND") {
      errors = [`no schema for ${object.apiVersion} ${kind}`];
    } else if (Array.isArray(error?.errors)) {
      errors = error.errors.map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
    } else {
      errors = [String(error?.message ?? error)];
    }
  }
  if (errors.length > 0) {
    failed++;
  }
  console.log(JSON.stringify({ kind, name, ok: errors.length === 0, errors }));
}
process.exit(failed === 0 ? 0 : 1);
