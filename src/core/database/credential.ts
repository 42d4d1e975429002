// The credential JSON that RDS, Aurora, Redshift and DocumentDB secrets hold (the shape their rotation
// functions read and write): `engine`, `host`, `port`, `username`, `password`, `dbname`. From it: a connection
// URI and the psql/mysql command line with the password kept out of the arguments.

export type DatabaseFamily = 'postgres' | 'mysql' | 'mongodb' | 'sqlserver' | 'oracle';

export interface DatabaseCredential {
  engine: string;
  family: DatabaseFamily;
  host: string;
  port?: number;
  username: string;
  password: string;
  dbname?: string;
}

// Engine names as AWS writes them (RDS `engine`, Redshift's "redshift", DocumentDB's "mongo"), lower-cased.
const FAMILIES: [RegExp, DatabaseFamily][] = [
  [/^(postgres|postgresql|aurora-postgresql|redshift)$/, 'postgres'],
  [/^(mysql|mariadb|aurora|aurora-mysql)$/, 'mysql'],
  [/^(mongo|mongodb|docdb|documentdb)$/, 'mongodb'],
  [/^sqlserver(-(ee|se|ex|web))?$/, 'sqlserver'],
  [/^oracle(-(ee|se2|se1|se))?$/, 'oracle'],
];

const DEFAULT_PORTS: Record<DatabaseFamily, number> = {
  postgres: 5432,
  mysql: 3306,
  mongodb: 27017,
  sqlserver: 1433,
  oracle: 1521,
};

export function databaseFamily(engine: string): DatabaseFamily | undefined {
  const name = engine.trim().toLowerCase();
  return FAMILIES.find(([pattern]) => pattern.test(name))?.[1];
}

/** The credential a secret string holds, or undefined when it is not one (never throws, never echoes it). */
export function databaseCredentialOf(secretString: string | undefined): DatabaseCredential | undefined {
  if (!secretString || !secretString.trimStart().startsWith('{')) return undefined;
  let object: unknown;
  try {
    object = JSON.parse(secretString);
  } catch {
    return undefined;
  }
  if (!object || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const { engine, host, port, username, password, dbname } = object as Record<string, unknown>;
  if (typeof engine !== 'string' || typeof host !== 'string' || !host) return undefined;
  if (typeof username !== 'string' || !username || typeof password !== 'string') return undefined;
  const family = databaseFamily(engine);
  if (!family) return undefined;
  // Rotation functions write the port as a number; hand-made secrets often as a string.
  const portNumber = typeof port === 'number' ? port : typeof port === 'string' && port ? Number(port) : undefined;
  if (portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber > 0 && portNumber < 65536))
    return undefined;
  return {
    engine,
    family,
    host,
    ...(portNumber !== undefined ? { port: portNumber } : {}),
    username,
    password,
    ...(typeof dbname === 'string' && dbname ? { dbname } : {}),
  };
}

const SCHEMES: Record<DatabaseFamily, string> = {
  postgres: 'postgresql',
  mysql: 'mysql',
  mongodb: 'mongodb',
  sqlserver: 'sqlserver',
  oracle: 'oracle',
};

/** An IPv6 literal goes in brackets; anything else as is (host names need no escaping). */
const hostPart = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * The URI the engine's own clients accept (libpq, mysql, the MongoDB drivers; JDBC-style for SQL Server and
 * Oracle), user, password and database name percent-encoded. Contains the password: clipboard only.
 */
export function connectionUri(credential: DatabaseCredential): string {
  const user = `${encodeURIComponent(credential.username)}:${encodeURIComponent(credential.password)}`;
  const port = credential.port ?? DEFAULT_PORTS[credential.family];
  const authority = `${user}@${hostPart(credential.host)}:${port}`;
  const path = credential.dbname ? `/${encodeURIComponent(credential.dbname)}` : '';
  // DocumentDB clusters require TLS and reject retryable writes.
  const query =
    credential.family === 'mongodb' && /^(docdb|documentdb)$/i.test(credential.engine)
      ? '?tls=true&retryWrites=false'
      : '';
  return `${SCHEMES[credential.family]}://${authority}${path}${query}`;
}

export interface ClientCommand {
  /** The client program (looked up on PATH). */
  program: string;
  /** Host, port, user and database: never the password. */
  args: string[];
  /** The password, the only way the client takes it without the command line. */
  env: Record<string, string>;
}

/** psql or mysql for the credential; undefined for engines whose clients take no password from the environment. */
export function clientCommand(credential: DatabaseCredential): ClientCommand | undefined {
  const port = String(credential.port ?? DEFAULT_PORTS[credential.family]);
  if (credential.family === 'postgres') {
    return {
      program: 'psql',
      args: [
        '--host',
        credential.host,
        '--port',
        port,
        '--username',
        credential.username,
        ...(credential.dbname ? ['--dbname', credential.dbname] : []),
      ],
      env: { PGPASSWORD: credential.password },
    };
  }
  if (credential.family === 'mysql') {
    return {
      program: 'mysql',
      args: [
        `--host=${credential.host}`,
        `--port=${port}`,
        `--user=${credential.username}`,
        ...(credential.dbname ? [`--database=${credential.dbname}`] : []),
      ],
      env: { MYSQL_PWD: credential.password },
    };
  }
  return undefined;
}
