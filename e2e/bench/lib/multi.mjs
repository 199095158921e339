export async function runMulti() { throw new Error("todo"); }
