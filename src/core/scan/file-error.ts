// Why one file or folder could not be read, in words that never quote its content: the walk, the reader and
// the read-ahead thread report the same codes.
export interface FileError {
  /** The system's error code (EACCES, ENAMETOOLONG, ELOOP, ENOENT for one that vanished, …). */
  code: string;
  message: string;
}

const MESSAGES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'path too long',
  ELOOP: 'too many levels of symbolic links',
  ENOENT: 'vanished during the scan',
  ENOTDIR: 'vanished during the scan',
  EISDIR: 'is a directory',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

export function fileError(error: unknown): FileError {
  const code = (error as NodeJS.ErrnoException)?.code ?? 'EIO';
  return { code, message: MESSAGES[code] ?? 'could not be read' };
}
