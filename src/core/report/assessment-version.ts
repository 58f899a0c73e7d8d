/**
 * The version of the JSON output's shape (semver). A minor version adds fields or values a
 * consumer may ignore; a major version removes or changes one. Each JSON assessment carries it,
 * and the shape is printed by mesh-assess schema assessment.
 */
export const ASSESSMENT_SCHEMA_VERSION = '1.6.0';
