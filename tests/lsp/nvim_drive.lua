-- Drives a real headless Neovim against `threatmark serve` (see test_neovim.py).
-- Inputs (environment): TM_PYTHON, TM_FILE, TM_ROOT. Output: one JSON object on stdout.
local out = { steps = {} }
local function step(name) table.insert(out.steps, name) end
local function finish()
  io.stdout:write(vim.fn.json_encode(out))
  vim.cmd('qa!')
end
local function fail(message)
  out.error = message
  finish()
end
local function diags(bufnr)
  return vim.tbl_map(function(d)
    return { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = d.code,
             source = d.source, severity = d.severity, message = d.message }
  end, vim.diagnostic.get(bufnr))
end

vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.TM_FILE))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start({
  name = 'threatmark',
  cmd = { vim.env.TM_PYTHON, '-m', 'threatmark', 'serve', '--stdio' },
  root_dir = vim.env.TM_ROOT,
  settings = { threatmark = { debounceMs = 50 } },
}, { bufnr = bufnr })
if not client_id then return fail('vim.lsp.start failed') end
if not vim.wait(90000, function()
  local c = vim.lsp.get_client_by_id(client_id)
  return c ~= nil and c.initialized
end, 50) then return fail('server did not initialize') end
local client = vim.lsp.get_client_by_id(client_id)
out.offset_encoding = client.offset_encoding
step('initialized')

vim.cmd('silent write') -- didSave
if not vim.wait(90000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  return fail('no diagnostics after write')
end
out.before = diags(bufnr)
step('diagnostics')

local first = vim.diagnostic.get(bufnr)[1]
vim.api.nvim_win_set_cursor(0, { first.lnum + 1, first.col })
local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover',
  vim.lsp.util.make_position_params(0, client.offset_encoding), 60000)
for _, reply in pairs(hover or {}) do
  if reply.result and reply.result.contents then out.hover = reply.result.contents.value end
end
step('hover')

-- The quick fix, through Neovim's own code-action machinery.
vim.lsp.buf.code_action({
  apply = true,
  filter = function(action) return action.title == 'Use hashlib.sha256' end,
})
if not vim.wait(90000, function()
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  return text:find('hashlib.sha256', 1, true) ~= nil
end, 50) then return fail('the quick fix was not applied') end
step('fixed')

vim.cmd('silent write')
if not vim.wait(90000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50) then
  out.after = diags(bufnr)
  return fail('diagnostics did not clear after the fix')
end
out.after = diags(bufnr)
out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
out.modified = vim.bo[bufnr].modified
step('cleared')
finish()
