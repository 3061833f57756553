// Reads the JSON of `dotnet list package --vulnerable --include-transitive --format json` (kind "nuget") or of
// `npm audit --json` (kind "npm") and says what it means for the test run. Called by ./blendpos test.
//
//   node scripts/audit-deps.mjs nuget|npm FILE TOOL_EXIT_CODE
//
// Exit 1: a high or critical advisory (each package is named). Exit 0 otherwise: moderate and low ones are printed as
// warnings, and so is a feed that could not be reached — a network hiccup must not fail CI, but it is said out loud.
import { readFileSync } from "node:fs";

const [kind, file, toolExit] = process.argv.slice(2);
const say = (s) => console.error(`blendpos: ${s}`);
const warn = (s) => say(`warning: ${s}`);
const label = kind === "npm" ? "npm audit (wwwroot-src, runtime dependencies)" : "NuGet vulnerability check";

let text = "";
try { text = readFileSync(file, "utf8"); } catch { /* handled below */ }
let report;
try { report = JSON.parse(text); } catch { report = undefined; }

const unreachable = (why) => {
  warn(`${label} could not reach its advisory feed, so packages were NOT checked this run: ${why.trim().split("\n").slice(0, 3).join(" / ")}`);
  process.exit(0);
};

/** [{ name, version, severity, url }] */
let findings = [];
if (kind === "nuget") {
  if (!report || !Array.isArray(report.projects)) unreachable(text || `dotnet list package exited with ${toolExit}`);
  const problems = (report.problems ?? []).filter((p) => p.level === "error");
  if (problems.length > 0 && toolExit !== "0") unreachable(problems.map((p) => p.text).join("\n"));
  for (const project of report.projects)
    for (const fw of project.frameworks ?? [])
      for (const pkg of [...(fw.topLevelPackages ?? []), ...(fw.transitivePackages ?? [])])
        for (const v of pkg.vulnerabilities ?? [])
          findings.push({ name: pkg.id, version: pkg.resolvedVersion, severity: String(v.severity).toLowerCase(), url: v.advisoryurl ?? "" });
} else {
  if (!report || report.error || typeof report.vulnerabilities !== "object")
    unreachable(report?.message || report?.error?.summary || text || `npm audit exited with ${toolExit}`);
  for (const [name, v] of Object.entries(report.vulnerabilities)) {
    const via = (v.via ?? []).find((x) => typeof x === "object");
    findings.push({ name, version: v.range ?? "", severity: String(v.severity).toLowerCase(), url: via?.url ?? "" });
  }
}

// One line per package and advisory (a package used by several projects is listed once).
const seen = new Set();
findings = findings.filter((f) => { const k = `${f.name}@${f.version}|${f.url}`; if (seen.has(k)) return false; seen.add(k); return true; });
const serious = findings.filter((f) => f.severity === "high" || f.severity === "critical");
for (const f of findings.filter((f) => !serious.includes(f)))
  warn(`${label}: ${f.name} ${f.version} has a ${f.severity} advisory ${f.url}`);
for (const f of serious) say(`error: ${label}: ${f.name} ${f.version} has a ${f.severity.toUpperCase()} advisory ${f.url}`);
if (serious.length > 0) {
  say(`${label}: ${serious.length} high/critical advisories: update those packages (Directory.Packages.props / wwwroot-src/package.json)`);
  process.exit(1);
}
say(`${label}: no high or critical advisories${findings.length ? ` (${findings.length} lower, see warnings)` : ""}`);
