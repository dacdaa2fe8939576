// @actions/core imports @actions/exec at the top of its platform module but uses it only in
// platform.getDetails(), which this action never calls.
function notShipped() {
  throw new Error('@actions/exec is not shipped with this action (stubs/README.md)')
}
export const exec = notShipped
export const getExecOutput = notShipped
