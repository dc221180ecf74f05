// The public API is a checked-in list: a change to what either entry point exports shows up as a diff of
// api/library.txt or api/harness.txt, and every exported declaration is documented and tagged `@public` while
// nothing else carries the tag.
import { test } from '@japa/runner'
import {
  ENTRY_POINTS,
  REGENERATE,
  checkedInList,
  publicApi,
  publicTagProblems,
} from '../../../harness/tools/public-api.ts'

test.group('public API', () => {
  test('each entry point exports exactly the names of its checked-in list', ({ assert }) => {
    const api = publicApi()
    for (const entry of ENTRY_POINTS) {
      const now = api.get(entry.subpath)!
      const listed = checkedInList(entry.list)
      const added = now.filter((line) => !listed.includes(line))
      const removed = listed.filter((line) => !now.includes(line))
      assert.deepEqual(
        { added, removed },
        { added: [], removed: [] },
        `${entry.subpath} (${entry.source}) differs from ${entry.list}; after an intended change run: ${REGENERATE}`,
      )
    }
  }).timeout(120_000)

  test('every exported declaration has TSDoc and @public; no other declaration or member has @public', ({ assert }) => {
    const problems = publicTagProblems().map((p) => `${p.at} ${p.name}: ${p.problem}`)
    assert.deepEqual(problems, [], 'fix by hand, or run: node --import tsx harness/tools/public-api.ts --fix-tags')
  }).timeout(120_000)
})
