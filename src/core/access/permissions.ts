// The IAM action access history needs against AWS; the local server enforces the same name.
export const lookupEventsPermission = 'cloudtrail:LookupEvents';
