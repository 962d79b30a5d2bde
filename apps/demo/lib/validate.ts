// Input checks for the JSON and form endpoints: each failure names the field and the rule,
// so a 400 answer tells the client exactly what to fix.

/** A list of problems with a request body; empty when it is valid. */
export type Problems = string[];

/** A new team as a client sends it. */
export interface TeamInput {
  name: string;
  members: number;
}

/**
 * Checks the body of `POST /api/teams`.
 * @param body the parsed JSON body
 */
export function validateTeam(body: unknown): { team?: TeamInput; problems: Problems } {
  const problems: Problems = [];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { problems: ['the body must be a JSON object like {"name": "Design", "members": 3}'] };
  }
  const { name, members } = body as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '')
    problems.push('"name" must be a non-empty string');
  else if (name.length > 40) problems.push('"name" must be at most 40 characters');
  if (typeof members !== 'number' || !Number.isInteger(members) || members < 1 || members > 100) {
    problems.push('"members" must be a whole number from 1 to 100');
  }
  if (problems.length > 0) return { problems };
  return { team: { name: (name as string).trim(), members: members as number }, problems };
}

/**
 * Checks a contact form submission.
 * @param form the submitted form fields
 */
export function validateMessage(form: FormData): {
  message?: { email: string; text: string };
  problems: Problems;
} {
  const email = form.get('email');
  const text = form.get('text');
  const problems: Problems = [];
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))
    problems.push('"email" must be an e-mail address');
  if (typeof text !== 'string' || text.trim() === '') problems.push('"text" must not be empty');
  else if (text.length > 500) problems.push('"text" must be at most 500 characters');
  if (problems.length > 0) return { problems };
  return { message: { email: email as string, text: (text as string).trim() }, problems };
}
