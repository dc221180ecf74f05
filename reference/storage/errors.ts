/** Errors of the model store: a missing, incomplete or corrupt model directory, or a bad name. */

/** A model-store failure; the message names the directory or file. @public */
export class ModelStorageError extends Error {
  override readonly name = 'ModelStorageError'
}
