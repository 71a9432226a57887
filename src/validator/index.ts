export { validate, RULES, type RuleId, type Violation, type ValidationReport } from "./validate.js";
