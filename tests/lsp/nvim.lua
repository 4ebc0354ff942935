-- Opens a file of the project in headless Neovim with samdrift as its language server and
-- writes the diagnostics Neovim shows (0-based line, byte column, message) to $SAMDRIFT_OUT.
local root = os.getenv("SAMDRIFT_ROOT")
local out = io.open(os.getenv("SAMDRIFT_OUT"), "w")
vim.cmd("edit " .. root .. "/inventory/beta/all.yaml")
local id = vim.lsp.start_client({
  name = "samdrift",
  cmd = { os.getenv("SAMDRIFT_BIN"), "lsp" },
  root_dir = root,
})
vim.lsp.buf_attach_client(0, id)
local ok = vim.wait(60000, function() return #vim.diagnostic.get(0) > 0 end, 50)
if not ok then
  out:write("timeout\n")
end
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format("%d:%d:%s\n", d.lnum, d.col, (d.message:gsub("\n", " | "))))
end
out:close()
vim.lsp.stop_client(id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd("qa!")
