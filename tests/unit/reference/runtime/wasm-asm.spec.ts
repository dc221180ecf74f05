import { test } from '@japa/runner'
import { sleb, uleb } from '../../../../reference/runtime/wasm-asm.ts'

test.group('wasm assembler', () => {
  test('LEB128 encodings', ({ assert }) => {
    assert.deepEqual(uleb(0), [0])
    assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26])
    assert.deepEqual(sleb(63), [0x3f])
    assert.deepEqual(sleb(64), [0xc0, 0x00])
    assert.deepEqual(sleb(-1), [0x7f])
    assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78])
  })
})
